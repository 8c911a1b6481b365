/** Looks up a trainer and validates its parameters, failing permanently on bad input. */
import { type TrainerRegistry } from '../src/training/registry.ts';
import { InvalidParamsError, type Trainer } from '../src/training/trainer.ts';
import { FailureType, permanentFailure } from './errors.ts';

export function resolveTrainer(
  trainers: TrainerRegistry,
  baseModel: string,
  rawParams: Record<string, unknown>,
): { trainer: Trainer; params: Record<string, unknown> } {
  const trainer = trainers.get(baseModel);
  if (!trainer) {
    throw permanentFailure(
      FailureType.UnknownBaseModel,
      `unknown baseModel "${baseModel}"; valid: ${trainers.names().join(', ')}`,
    );
  }
  try {
    return { trainer, params: trainer.parseParams(rawParams) };
  } catch (err) {
    if (err instanceof InvalidParamsError)
      throw permanentFailure(FailureType.InvalidParams, err.message, err.fields);
    throw err;
  }
}
