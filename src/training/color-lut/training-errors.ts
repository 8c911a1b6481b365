/** How a threaded colour-LUT training run ends when it does not finish. */

export class TrainingCancelledError extends Error {
  override name = 'TrainingCancelledError';
  constructor() {
    super('color-lut training was cancelled');
  }
}

/** A failure inside the training thread, carrying the original error's name and stack. */
export class TrainingThreadError extends Error {
  override name = 'TrainingThreadError';
  constructor(
    message: string,
    readonly causeName: string,
    readonly causeStack?: string,
  ) {
    super(message);
  }
}
