/**
 * Runs the test-only Nx remote cache (see `cache-server.ts`) on 127.0.0.1 and prints its URL as the first line:
 *
 *   FINERWEB_CACHE_SERVER_TOKEN=<token, optional> npx node tools/testing/serve-cache.ts <folder> [port=any free]
 *
 * For tests and the `tools/share` demonstration only; a team shares a cache through a server it runs and secures.
 */
import { createCacheServer } from "./cache-server.ts"

const [folder, port] = process.argv.slice(2)
if (folder === undefined) throw new Error("usage: serve-cache.ts <folder> [port]")
const token = process.env.FINERWEB_CACHE_SERVER_TOKEN || undefined
const server = createCacheServer(folder, token)
server.listen(Number(port ?? 0), "127.0.0.1", () => {
  const address = server.address() as { port: number }
  console.log(`http://127.0.0.1:${address.port}`)
})
process.on("SIGTERM", () => {
  server.closeAllConnections()
  server.close(() => process.exit(0))
})
