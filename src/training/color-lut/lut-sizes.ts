/** The lattice sizes the colour-LUT trainer offers (points per axis). */
export const LUT_SIZES = [17, 33, 65] as const;
