// Preloaded after ts-node: V8's own stack formatting instead of source-map lookups, which the Pulumi SDK
// would otherwise pay on each of the several stack traces it takes per resource (2x the render time).
delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
