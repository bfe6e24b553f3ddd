#!/usr/bin/env node
// The salesops command. The sources are TypeScript run through tsx's loader, so a fresh clone
// needs no build step for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
