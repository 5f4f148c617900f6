import { createServer } from "node:http"
import type { IncomingMessage, Server, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Effect } from "effect"
import { TEACHER_DESCRIPTION, TEACHER_MODEL } from "./model.ts"
import { route } from "./routes.ts"
import type { Reply } from "./routes.ts"
import { TeacherError } from "./TeacherError.ts"

const host = "127.0.0.1"
/** Bodies beyond this are refused rather than buffered. */
const maxBodyBytes = 16 * 1024 * 1024

const send = (response: ServerResponse, reply: Reply) => {
  const body = JSON.stringify(reply.body)
  response.writeHead(reply.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body)
  })
  response.end(body)
}

const handle = (request: IncomingMessage, response: ServerResponse) => {
  const chunks: Array<Buffer> = []
  let size = 0
  request.on("data", (chunk: Buffer) => {
    size += chunk.length
    if (size <= maxBodyBytes) chunks.push(chunk)
  })
  request.on("end", () => {
    if (size > maxBodyBytes) {
      send(response, {
        status: 413,
        body: { error: { message: `request bodies are limited to ${maxBodyBytes} bytes`, type: "invalid_request_error", param: null, code: null } }
      })
      return
    }
    let reply: Reply
    try {
      reply = route(request.method ?? "", request.url ?? "", Buffer.concat(chunks).toString("utf8"))
    } catch (cause) {
      reply = {
        status: 500,
        body: { error: { message: `${TEACHER_DESCRIPTION}; it failed on this request: ${String(cause)}`, type: "server_error", param: null, code: null } }
      }
    }
    send(response, reply)
  })
}

const listen = (port: number) =>
  Effect.callback<Server, TeacherError>((resume) => {
    const server = createServer(handle)
    server.once("error", (cause) =>
      resume(Effect.fail(new TeacherError({ message: `the teacher could not listen on ${host}:${port}: ${cause.message}` }))))
    server.listen(port, host, () => resume(Effect.succeed(server)))
  })

const close = (server: Server) =>
  Effect.callback<void>((resume) => {
    // Keep-alive connections from clients would otherwise hold `close` open.
    server.closeAllConnections()
    server.close(() => resume(Effect.void))
  })

/**
 * Starts the teacher on 127.0.0.1 (`port` 0, the default, takes any free port) for the life of the scope.
 * `baseUrl` is what an OpenAI client takes as its base URL.
 */
export const startTeacher = Effect.fn("startTeacher")(function*(options?: { readonly port?: number }) {
  const server = yield* Effect.acquireRelease(listen(options?.port ?? 0), close)
  const { port } = server.address() as AddressInfo
  return { baseUrl: `http://${host}:${port}/v1`, model: TEACHER_MODEL }
})
