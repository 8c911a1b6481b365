/** Reads the trainers file into trainers; throws `TrainersFileError` naming the file and each bad field. */
import { type Trainer } from '../trainer.ts';
import { createCommandTrainer } from './command-trainer.ts';
import { readTrainersFile } from './trainers-file.ts';

export function loadCommandTrainers(file: string): Trainer[] {
  return readTrainersFile(file).map(createCommandTrainer);
}
