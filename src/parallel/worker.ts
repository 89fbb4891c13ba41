import { parentPort } from 'node:worker_threads';
import { useEnvironmentSnapshot } from './environment.js';
import { runTask, type Task } from './tasks.js';

useEnvironmentSnapshot();

// A worker thread: one unified processor and one set of schemas, reused for every batch.
parentPort!.on('message', async (message: { id: number; task: Task }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: await runTask(message.task) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
