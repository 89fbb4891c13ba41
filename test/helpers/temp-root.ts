// Loaded by ava before each test file (package.json, `ava.require`): the temporary folders a
// test file makes (`mkdtemp` in `os.tmpdir()`, and whatever the commands it runs make there)
// go under one folder of its own, removed when its process exits. Left in /tmp, each
// `npm test` left some 1.5 GB behind, 37 GB after many runs, and the disk slowed under them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = mkdtempSync(path.join(os.tmpdir(), 'disclosed-test-'));
process.env.TMPDIR = root;
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
