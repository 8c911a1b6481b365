/**
 * What the old API accepted that the new model does not, turned into what it needs:
 * any `baseModel` string picks a trainer through ATELIER_LEGACY_BASE_MODELS (default:
 * every name that is not a trainer trains with color-lut; the name the client sent is
 * kept in the job's metadata), and any `styleName` string becomes a
 * printable one (control and format characters dropped, at most 200 characters, never
 * blank) instead of being refused.
 */
import { ConfigError } from '../../../config.ts';
import { type TrainerRegistry } from '../../../training/registry.ts';

const UNPRINTABLE = /[\p{Cc}\p{Cf}]/gu;
const MAX_STYLE_NAME = 200;
const MAX_METADATA_VALUE = 512;
/** ATELIER_LEGACY_BASE_MODELS' default. */
export const DEFAULT_LEGACY_BASE_MODELS: Record<string, string> = { '*': 'color-lut' };

/** An explicit mapping first, then a name that is a trainer already, then `*`. */
export function legacyTrainerFor(
  map: Record<string, string>,
  trainers: TrainerRegistry,
  baseModel: string,
): string {
  return map[baseModel] ?? (trainers.get(baseModel) ? baseModel : (map['*'] ?? baseModel));
}

export function legacyStyleName(raw: string): string {
  const printable = raw.toWellFormed().replace(UNPRINTABLE, '').trim();
  return [...printable].slice(0, MAX_STYLE_NAME).join('').trim() || 'Untitled';
}

/** The job's metadata: where the old request said something the job no longer shows as is. */
export function legacyMetadata(baseModel: string, trainer: string): Record<string, string> {
  if (baseModel === trainer) return {};
  const shown = [...baseModel.toWellFormed().replace(UNPRINTABLE, '?')].slice(0, MAX_METADATA_VALUE).join('');
  return { legacyBaseModel: shown };
}

/** Every trainer the mapping names must exist: a typo would fail every old client's job. */
export function assertLegacyTrainers(map: Record<string, string>, trainers: TrainerRegistry): void {
  const unknown = Object.values(map).filter((t) => !trainers.get(t));
  if (unknown.length)
    throw new ConfigError(
      `ATELIER_LEGACY_BASE_MODELS names unknown trainer(s) ${unknown.join(', ')}; known: ${trainers.names().join(', ')}`,
    );
}
