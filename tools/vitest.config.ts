import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["libs/**/*.test.ts", "tools/**/*.test.ts"],
    exclude: ["**/node_modules/**", "languages/**/out/**"],
    testTimeout: 60_000
  }
})
