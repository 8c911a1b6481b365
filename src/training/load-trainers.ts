/** The trainer registry of this deployment: the built-in colour LUT trainer (+ configured command trainers later). */
import { type Config } from '../config.ts';
import { colorLutTrainer } from './color-lut/color-lut-trainer.ts';
import { TrainerRegistry } from './registry.ts';

export async function loadTrainers(_config: Pick<Config, 'trainersFile'>): Promise<TrainerRegistry> {
  return new TrainerRegistry([colorLutTrainer]);
}
