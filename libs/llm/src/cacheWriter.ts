import { Effect } from "effect"
import { Worker } from "node:worker_threads"

/**
 * The writer thread: each message a whole file, written to a temporary name unique to the write, then renamed over
 * the entry, so a crash never leaves half a file under the entry's name and processes sharing the folder never read
 * one; the fan-out folder is made when missing (also when the cache was removed mid-run). Plain JavaScript, run with
 * `eval`, so that it needs no loader for TypeScript.
 */
const source = `
const { parentPort } = require("node:worker_threads")
const fs = require("node:fs")
const path = require("node:path")
const { randomUUID } = require("node:crypto")
parentPort.on("message", ({ id, file, text }) => {
  const temporary = file + ".tmp-" + process.pid + "-" + randomUUID()
  try {
    try {
      fs.writeFileSync(temporary, text)
    } catch (error) {
      if (error.code !== "ENOENT") throw error
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(temporary, text)
    }
    fs.renameSync(temporary, file)
    parentPort.postMessage({ id, error: null })
  } catch (error) {
    try { fs.rmSync(temporary, { force: true }) } catch {}
    parentPort.postMessage({ id, error: String(error && error.message) })
  }
})
`

/**
 * Writes files whole (temp-then-rename) on a thread of their own, started at the first write and stopped with the
 * scope once the writes in hand are done. Through libuv one write is four trips through its thread pool (open,
 * write, close, rename), each waiting for a turn of the event loop; at 64 requests in flight that cost about a
 * tenth of the client's throughput (`npm run bench:llm`). The thread makes the four calls in a row and answers once.
 * A write fails with the reason the file system gave.
 */
export const makeCacheWriter = Effect.fnUntraced(function*() {
  let worker: Worker | undefined
  const pending = new Map<number, (error: string | null) => void>()
  let nextId = 0
  let drained: (() => void) | undefined

  const settle = (id: number, error: string | null) => {
    const done = pending.get(id)
    pending.delete(id)
    done?.(error)
    if (pending.size === 0) drained?.()
  }

  const start = (): Worker => {
    const started = new Worker(source, { eval: true })
    started.on("message", ({ id, error }: { id: number; error: string | null }) => settle(id, error))
    // A thread that died answers nothing more: what it held fails, and the next write starts another.
    const died = (reason: string) => {
      if (worker === started) worker = undefined
      for (const id of [...pending.keys()]) settle(id, reason)
    }
    started.on("error", (error) => died(`the cache writer failed: ${error.message}`))
    started.on("exit", (code) => died(`the cache writer stopped (exit code ${code})`))
    return started
  }

  yield* Effect.addFinalizer(() =>
    Effect.promise(async () => {
      if (pending.size > 0) await new Promise<void>((resolve) => (drained = resolve))
      await worker?.terminate()
    })
  )

  return (file: string, text: string): Effect.Effect<void, string> =>
    Effect.callback<void, string>((resume) => {
      worker ??= start()
      const id = nextId++
      pending.set(id, (error) => resume(error === null ? Effect.void : Effect.fail(error)))
      worker.postMessage({ id, file, text })
    })
})
