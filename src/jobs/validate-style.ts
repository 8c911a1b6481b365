/**
 * The trainer-level check of one style at the door: the base model must name a trainer
 * and the parameters must parse with that trainer's schema. Shared by single jobs and
 * packs; `fieldPrefix` says where in the request the style sits (`''` or `styles.2.`).
 */
import { InvalidParamsError } from '../training/trainer.ts';
import { type TrainerRegistry } from '../training/registry.ts';
import { JobServiceError } from './job-service-error.ts';

export interface ValidatedStyle {
  params: Record<string, unknown>;
  /** Planned iterations (trainer.totalIterations of the parsed params). */
  total: number;
}

export function validateStyle(
  trainers: TrainerRegistry,
  style: { baseModel: string; params: Record<string, unknown> },
  fieldPrefix = '',
): ValidatedStyle {
  const trainer = trainers.get(style.baseModel);
  if (!trainer) {
    const valid = trainers.names();
    throw new JobServiceError(
      'UnknownBaseModel',
      `unknown baseModel '${style.baseModel}'; valid: ${valid.join(', ')}`,
      {
        fields: [{ field: `${fieldPrefix}baseModel`, message: `must be one of ${valid.join(', ')}` }],
        facts: { validBaseModels: valid },
      },
    );
  }
  try {
    const params = trainer.parseParams(style.params);
    return { params, total: trainer.totalIterations(params) };
  } catch (err) {
    if (!(err instanceof InvalidParamsError)) throw err;
    throw new JobServiceError('InvalidInput', err.message, {
      fields: err.fields.map((f) => ({ field: `${fieldPrefix}params.${f.field}`, message: f.message })),
    });
  }
}
