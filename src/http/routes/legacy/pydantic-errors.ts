/**
 * The old service was FastAPI with pydantic v2: a bad request got 422 and
 * `{"detail": [{"type", "loc", "msg", "input", "ctx"?}]}`, and its clients index
 * `detail[0]["msg"]`. These are those error entries, with pydantic's own types and
 * wording (checked against the old service itself in test/legacy), so an old client
 * reads our refusals exactly as it read the old ones.
 */
export interface PydanticError {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** Values are echoed like pydantic does, but a multi-megabyte base64 image is not. */
const MAX_ECHO = 256;
const echo = (input: unknown) =>
  typeof input === 'string' && input.length > MAX_ECHO ? `${input.slice(0, MAX_ECHO)}…` : input;

const entry = (type: string, loc: (string | number)[], msg: string, input: unknown, ctx?: object) => ({
  type,
  loc: ['body', ...loc],
  msg,
  input: echo(input),
  ...(ctx ? { ctx: { ...ctx } } : {}),
});

export const pydantic = {
  missing: (loc: string[], input: unknown) => entry('missing', loc, 'Field required', input),
  stringType: (field: string, input: unknown) =>
    entry('string_type', [field], 'Input should be a valid string', input),
  intType: (field: string, input: unknown) =>
    entry('int_type', [field], 'Input should be a valid integer', input),
  intParsing: (field: string, input: unknown) =>
    entry(
      'int_parsing',
      [field],
      'Input should be a valid integer, unable to parse string as an integer',
      input,
    ),
  intFromFloat: (field: string, input: unknown) =>
    entry(
      'int_from_float',
      [field],
      'Input should be a valid integer, got a number with a fractional part',
      input,
    ),
  lessThanEqual: (field: string, input: unknown, le: number) =>
    entry('less_than_equal', [field], `Input should be less than or equal to ${le}`, input, { le }),
  greaterThanEqual: (field: string, input: unknown, ge: number) =>
    entry('greater_than_equal', [field], `Input should be greater than or equal to ${ge}`, input, { ge }),
  /** A check of ours that pydantic did not have (e.g. the image must decode): pydantic's custom-validator shape. */
  valueError: (field: string, input: unknown, message: string) =>
    entry('value_error', field ? field.split('.') : [], `Value error, ${message}`, input, { error: message }),
  modelAttributesType: (input: unknown) =>
    entry(
      'model_attributes_type',
      [],
      'Input should be a valid dictionary or object to extract fields from',
      input,
    ),
  dictType: (input: unknown) => entry('dict_type', [], 'Input should be a valid dictionary', input),
  jsonInvalid: (position: number, error: string) =>
    entry('json_invalid', [position], 'JSON decode error', {}, { error }),
} satisfies Record<string, (...args: never[]) => PydanticError>;
