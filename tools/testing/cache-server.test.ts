import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import * as http from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CacheServer, spawnCacheServer } from "./cache-server.ts"

/** A PUT with a chunked body, which carries no Content-Length. */
const putChunked = (url: string, token: string, body: Buffer) =>
  new Promise<number>((resolve, reject) => {
    const request = http.request(url, { method: "PUT", headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on("error", reject)
    request.write(body)
    request.end()
  })

describe("the test cache server (Nx's self-hosted cache API)", () => {
  const token = "test-token-7f3a"
  const artifact = Buffer.from([0x1f, 0x8b, 0, 1, 2, 255, 254, 10, 13, 0])
  let folder: string
  let server: CacheServer
  const at = (hash: string) => `${server.url}/v1/cache/${hash}`
  const bearer = (value: string) => ({ authorization: `Bearer ${value}` })
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "finerweb-cache-"))
    server = await spawnCacheServer(folder, token)
  })
  afterAll(async () => {
    await server.stop()
    rmSync(folder, { recursive: true, force: true })
  })

  it("listens on loopback", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/)
  })

  it("refuses a request without the token or with another one (401)", async () => {
    expect((await fetch(at("123"))).status).toBe(401)
    expect((await fetch(at("123"), { method: "PUT", body: artifact, headers: bearer("wrong") })).status).toBe(401)
    expect(readdirSync(folder)).toEqual([])
  })

  it("answers 404 for an artifact it does not hold, and for a path outside /v1/cache/{hash}", async () => {
    expect((await fetch(at("123"), { headers: bearer(token) })).status).toBe(404)
    expect((await fetch(`${server.url}/v1/cache/..%2Fescape`, { headers: bearer(token) })).status).toBe(404)
    expect((await fetch(`${server.url}/v2/cache/123`, { headers: bearer(token) })).status).toBe(404)
  })

  it("stores an artifact once and gives back its bytes; a second PUT of the hash is refused (409)", async () => {
    expect((await fetch(at("4242"), { method: "PUT", body: artifact, headers: bearer(token) })).status).toBe(200)
    const answer = await fetch(at("4242"), { headers: bearer(token) })
    expect(answer.status).toBe(200)
    expect(answer.headers.get("content-type")).toBe("application/octet-stream")
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(artifact)
    const other = Buffer.from("another body")
    expect((await fetch(at("4242"), { method: "PUT", body: other, headers: bearer(token) })).status).toBe(409)
    expect(Buffer.from(await (await fetch(at("4242"), { headers: bearer(token) })).arrayBuffer())).toEqual(artifact)
    expect(readdirSync(folder)).toEqual(["4242"])
  })

  it("refuses a PUT without Content-Length (400)", async () => {
    expect(await putChunked(at("77"), token, artifact)).toBe(400)
    expect((await fetch(at("77"), { headers: bearer(token) })).status).toBe(404)
  })
})
