/**
 * Task queue names, shared by the client, the workers and workflow code, so they
 * are never spelled twice. Training has its own queue so that its worker's
 * concurrency equals the number of training slots.
 */
export const TaskQueue = {
  orchestration: 'atelier.orchestration',
  training: 'atelier.training',
} as const;
export type TaskQueueName = keyof typeof TaskQueue;
