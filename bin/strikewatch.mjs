#!/usr/bin/env node
// The strikewatch command: runs the TypeScript CLI through tsx's loader (no build step).
import { register } from "tsx/esm/api";

// The pinned SDK works on Node 20; its notice about future releases needing Node 22 is for developers
// upgrading the SDK (see README), not for every run of the CLI.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
register();
const { main } = await import("../functions/local/cli.ts");
process.exitCode = await main(process.argv.slice(2));
