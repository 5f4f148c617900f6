import { type ChildProcess, spawn } from "node:child_process"
import { createReadStream, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs"
import * as http from "node:http"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { installedRoot } from "#workspace"

/**
 * A test-only Nx remote cache: the two endpoints of Nx's self-hosted cache specification (Nx 20.8+),
 * `GET /v1/cache/{hash}` and `PUT /v1/cache/{hash}` with the task's tar archive as the body, stored one file per hash
 * in `folder`. It exists so that tests and `tools/share` can show a shared cache on loopback; it is not a product:
 * no TLS, no eviction, one token for reading and writing, everything in memory while a body arrives.
 */
export const createCacheServer = (folder: string, token: string | undefined): http.Server => {
  mkdirSync(folder, { recursive: true })
  return http.createServer((request, response) => {
    const reply = (status: number, text = "") => {
      response.writeHead(status, { "content-type": "text/plain" })
      response.end(text)
    }
    const hash = /^\/v1\/cache\/([0-9A-Za-z_-]+)$/.exec(request.url ?? "")?.[1]
    if (hash === undefined) return reply(404, "not a cache path")
    if (token !== undefined && request.headers.authorization !== `Bearer ${token}`) {
      return reply(401, "missing or invalid access token")
    }
    const file = join(folder, hash)
    if (request.method === "GET") {
      if (!existsSync(file)) return reply(404, "no such artifact")
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": statSync(file).size })
      createReadStream(file).pipe(response)
      return
    }
    if (request.method !== "PUT") return reply(405, "GET or PUT")
    const declared = Number(request.headers["content-length"])
    if (!Number.isInteger(declared)) return reply(400, "missing or invalid Content-Length")
    // Nx never overwrites an artifact: a hash names one output.
    if (existsSync(file)) return reply(409, "an artifact with this hash exists")
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      const body = Buffer.concat(chunks)
      if (body.length !== declared) return reply(400, `Content-Length ${declared}, body ${body.length} bytes`)
      // Temp then rename, so that a GET in the meantime finds the whole artifact or none.
      const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
      writeFileSync(temporary, body)
      renameSync(temporary, file)
      reply(200)
    })
  })
}

export interface CacheServer {
  /** What `NX_SELF_HOSTED_REMOTE_CACHE_SERVER` takes, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string
  readonly stop: () => Promise<void>
}

/**
 * Starts the test cache server in a child process on 127.0.0.1 (any free port), so that it answers while the caller
 * blocks on a synchronous Nx run. The token travels in the child's environment, never on its command line.
 */
export const spawnCacheServer = (folder: string, token?: string): Promise<CacheServer> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [join(installedRoot, "tools/testing/serve-cache.ts"), folder], {
      env: { ...process.env, FINERWEB_CACHE_SERVER_TOKEN: token ?? "" },
      stdio: ["ignore", "pipe", "inherit"]
    })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`the cache server exited (${code}) before it listened`)))
    createInterface({ input: child.stdout! }).once("line", (url) => {
      child.removeAllListeners("exit")
      resolve({
        url,
        stop: () =>
          new Promise((stopped) => {
            child.once("exit", () => stopped())
            child.kill()
          })
      })
    })
  })
