/**
 * A trainer that is an external command (a diffusion LoRA script on a GPU box, say),
 * configured in the trainers file and driven through the protocol in
 * docs/command-trainer-protocol.md. Its final state packs the produced files, so
 * `artifacts` works on any worker from the stored bytes alone.
 */
import { type Trainer } from '../trainer.ts';
import { buildParamsSchema, describeParameters, parseParamsWith } from './params.ts';
import { StateContainerError, decodeState } from './state-container.ts';
import { trainWithCommand } from './train-command.ts';
import { type CommandTrainerSpec } from './trainers-file.ts';

export function createCommandTrainer(spec: CommandTrainerSpec): Trainer {
  const schema = buildParamsSchema(spec.parameters);
  const totalIterations = (params: Record<string, unknown>) =>
    spec.iterationsParam !== undefined ? Number(params[spec.iterationsParam]) : spec.totalIterations!;
  const finalStateOf = (bytes: Uint8Array) => {
    const state = decodeState(bytes);
    if (state.kind !== 'final') throw new StateContainerError(`expected a final state, got a ${state.kind}`);
    return state;
  };
  return {
    name: spec.name,
    description: spec.description,
    version: spec.version,
    parameters: describeParameters(spec.parameters),
    parseParams: (raw) => parseParamsWith(schema, spec.name, raw),
    totalIterations,
    train: (run) => trainWithCommand(spec, totalIterations(run.params), run),
    artifacts: async ({ finalState }) =>
      finalStateOf(finalState).files.map((f) => ({ name: f.name, data: f.data })),
    lossCurve: (finalState) => finalStateOf(finalState).losses.map(([, loss]) => loss),
  };
}
