import { Schema } from "effect"

/** A language's export output lacks a file the release gathers; `file` is relative to the workspace root. */
export class MissingExport extends Schema.TaggedError<MissingExport>()("MissingExport", {
  file: Schema.String
}) {
  override get message() {
    return `${this.file} is missing: run the export stage for this language first`
  }
}

/** An export file that cannot be read or does not decode, or whose statistics disagree with its records. */
export class MalformedExport extends Schema.TaggedError<MalformedExport>()("MalformedExport", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `${this.file}: ${this.reason}`
  }
}

/** A release version that is not a semantic version (semver.org 2.0.0). */
export class InvalidVersion extends Schema.TaggedError<InvalidVersion>()("InvalidVersion", {
  version: Schema.String
}) {
  override get message() {
    return `'${this.version}' is not a semantic version: MAJOR.MINOR.PATCH, e.g. 1.2.0 or 1.2.0-rc.1`
  }
}

/** Uncommitted changes: a tag must name the commit the release was built from, so none may be left out of it. */
export class DirtyTree extends Schema.TaggedError<DirtyTree>()("DirtyTree", {
  /** The first few changed or untracked paths, as `git status` names them. */
  paths: Schema.Array(Schema.String),
  count: Schema.Number
}) {
  override get message() {
    const more = this.count > this.paths.length ? ` and ${this.count - this.paths.length} more` : ""
    return `the git tree has ${this.count} uncommitted change(s): ${this.paths.join(", ")}${more}; commit or stash them first`
  }
}

/** A release tag that exists already: a version is released once. */
export class TagExists extends Schema.TaggedError<TagExists>()("TagExists", {
  tag: Schema.String
}) {
  override get message() {
    return `tag ${this.tag} exists already: choose another version (a released version is never moved)`
  }
}

/** The release folder is missing, or is not what the current outputs gather into; each problem names a file. */
export class ReleaseStale extends Schema.TaggedError<ReleaseStale>()("ReleaseStale", {
  folder: Schema.String,
  problems: Schema.Array(Schema.String)
}) {
  override get message() {
    return `${this.folder}/ is not what the current outputs gather into (run npx nx run finerweb:release):\n  ` +
      this.problems.join("\n  ")
  }
}

/** A git command that failed; `reason` is what git said. */
export class GitFailed extends Schema.TaggedError<GitFailed>()("GitFailed", {
  command: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `${this.command} failed: ${this.reason}`
  }
}

/** A release tag whose message holds no manifest, or one whose digest is not the one the message records. */
export class ManifestUnreadable extends Schema.TaggedError<ManifestUnreadable>()("ManifestUnreadable", {
  tag: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `tag ${this.tag}: ${this.reason}`
  }
}

/** The build in the clone of a release tag failed; the clone is kept for a look. */
export class RebuildFailed extends Schema.TaggedError<RebuildFailed>()("RebuildFailed", {
  folder: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `the rebuild in ${this.folder} failed: ${this.reason}`
  }
}

/** Files the rebuild from a tag gave other bytes than its manifest pins; the clone is kept for a look. */
export class RebuildDiffers extends Schema.TaggedError<RebuildDiffers>()("RebuildDiffers", {
  tag: Schema.String,
  folder: Schema.String,
  problems: Schema.Array(Schema.String)
}) {
  override get message() {
    return `the rebuild of ${this.tag} in ${this.folder} differs from its manifest:\n  ${this.problems.join("\n  ")}`
  }
}
