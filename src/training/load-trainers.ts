/**
 * The trainer registry of this deployment: the built-in colour LUT trainer plus the
 * command trainers of `ATELIER_TRAINERS_FILE`, if set. A bad file (or a name taken by a
 * built-in) stops the process at start-up with the file and the field named. The colour
 * LUT trainer keeps one warm thread per training slot; they start only when a training
 * worker warms it up or trains, so a gateway that merely lists trainers starts none.
 */
import path from 'node:path';
import { type Config } from '../config.ts';
import { createColorLutTrainer } from './color-lut/color-lut-trainer.ts';
import { loadCommandTrainers } from './command/load-command-trainers.ts';
import { TrainersFileError } from './command/trainers-file.ts';
import { TrainerRegistry } from './registry.ts';

export async function loadTrainers(
  config: Pick<Config, 'trainersFile'> & Partial<Pick<Config, 'trainingSlots'>>,
): Promise<TrainerRegistry> {
  const builtIn = [createColorLutTrainer({ threads: config.trainingSlots ?? 1 })];
  if (!config.trainersFile) return new TrainerRegistry(builtIn);
  const configured = loadCommandTrainers(config.trainersFile);
  const taken = configured.filter((t) => builtIn.some((b) => b.name === t.name));
  if (taken.length) {
    throw new TrainersFileError(
      path.resolve(config.trainersFile),
      taken.map((t) => `trainers.${t.name}: "${t.name}" is the name of a built-in trainer`),
    );
  }
  return new TrainerRegistry([...builtIn, ...configured]);
}
