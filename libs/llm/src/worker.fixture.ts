// A separate process asking the client for `text 0` .. `text <n-1>` (reversed with "reverse"), for the tests that
// need several processes on one cache folder or one to kill:
//   node worker.fixture.ts <baseUrl> <cacheDir> <n> [reverse]
import { Effect } from "effect"
import { LlmClient } from "./LlmClient.ts"
import { ask, clientLayer, options } from "./client.fixture.ts"

const [url, cacheDir, n, order] = process.argv.slice(2)
const texts = Array.from({ length: Number(n) }, (_, i) => `text ${i}`)
if (order === "reverse") texts.reverse()

const answers = await Effect.runPromise(Effect.gen(function*() {
  const llm = yield* LlmClient
  return yield* Effect.forEach(texts, (text) => llm.complete(ask(text)), { concurrency: 8 })
}).pipe(Effect.provide(clientLayer(options(url, cacheDir, { retries: 0 })))))
const wrong = answers.filter((answer, i) => answer.content !== `echo: ${texts[i]}`).length
console.log(JSON.stringify({ answers: answers.length, wrong }))
