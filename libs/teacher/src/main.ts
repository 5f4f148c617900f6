import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { TEACHER_DESCRIPTION } from "./model.ts"
import { startTeacher } from "./server.ts"

const teacher = Command.make(
  "teacher",
  {
    port: Flag.Int("port").pipe(
      Flag.withDescription("Port on 127.0.0.1 to listen on (0: any free port)"),
      Flag.withDefault(8765)
    )
  },
  Effect.fn(function*({ port }) {
    const { baseUrl, model } = yield* startTeacher({ port })
    yield* Console.log(`${TEACHER_DESCRIPTION}; model "${model}" at ${baseUrl}`)
    return yield* Effect.never
  }, Effect.scoped)
).pipe(Command.withDescription(`Serve the ${TEACHER_DESCRIPTION}, over the OpenAI chat-completions protocol`))

teacher.pipe(
  Command.run({ version: "1.0.0" }),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain
)
