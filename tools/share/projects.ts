/**
 * Prints the language projects of one hash shard, comma-separated, for `nx run-many --projects`:
 *
 *   npx nx run-many -t export --projects=$(npx node tools/share/projects.ts 1/2)   # on the first machine
 *   npx nx run-many -t export --projects=$(npx node tools/share/projects.ts 2/2)   # on the second
 */
import { installedRoot } from "#workspace"
import { languageProjects, parseShard, shard } from "./shard.ts"

const { count, index } = parseShard(process.argv[2] ?? "")
console.log(shard(languageProjects(installedRoot), index, count).join(","))
