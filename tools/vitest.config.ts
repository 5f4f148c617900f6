import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["libs/**/*.test.ts", "tools/**/*.test.ts"],
    exclude: ["**/node_modules/**", "languages/**/out/**"],
    // Tests that build scratch workspaces run real stages and Nx: on 2 busy cores their setup can take minutes.
    testTimeout: 60_000,
    hookTimeout: 180_000
  }
})
