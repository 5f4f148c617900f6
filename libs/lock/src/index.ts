export { checkLock } from "./check.ts"
export { foldFragments, foldLock, readFragments } from "./fold.ts"
export { fragmentName, LockEntry, LockFile, LockFragment, lockName } from "./Lock.ts"
export { renderLock } from "./render.ts"
