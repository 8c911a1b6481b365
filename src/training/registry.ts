/** The trainers this deployment offers, by `baseModel` name. */
import { type Trainer } from './trainer.ts';

export class TrainerRegistry {
  private readonly byName = new Map<string, Trainer>();

  constructor(trainers: Trainer[]) {
    for (const t of trainers) {
      if (this.byName.has(t.name)) throw new Error(`duplicate trainer name ${t.name}`);
      this.byName.set(t.name, t);
    }
  }

  get(name: string): Trainer | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  list(): Trainer[] {
    return this.names().map((n) => this.byName.get(n)!);
  }
}
