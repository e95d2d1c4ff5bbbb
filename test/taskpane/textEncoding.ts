/**
 * jest's jsdom environment has no `TextEncoder`, which the fake Excel counts bytes with (and
 * jsdom itself needs, loaded by test/excel/officejs.ts): Node's, imported before the fake.
 */
import { TextDecoder, TextEncoder } from "node:util";

const scope = globalThis as unknown as Record<string, unknown>;
scope.TextEncoder ??= TextEncoder;
scope.TextDecoder ??= TextDecoder;
