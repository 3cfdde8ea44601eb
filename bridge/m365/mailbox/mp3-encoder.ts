/** WAV (PCM 16-bit, mono or stereo) → MP3 with lamejs; call recordings shrink about tenfold at 32 kbit/s. */
import { Mp3Encoder } from "@breezystack/lamejs";

export interface WavInfo {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  audioFormat: number;
  data: Buffer;
}

export class UnsupportedWavError extends Error {}

export function parseWav(buffer: Buffer): WavInfo {
  if (buffer.length < 12 || buffer.toString("ascii", 0, 4) !== "RIFF" || buffer.toString("ascii", 8, 12) !== "WAVE") {
    throw new UnsupportedWavError("not a RIFF/WAVE file");
  }
  let offset = 12;
  let fmt: Omit<WavInfo, "data"> | undefined;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString("ascii", offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ") {
      fmt = {
        audioFormat: buffer.readUInt16LE(body),
        channels: buffer.readUInt16LE(body + 2),
        sampleRate: buffer.readUInt32LE(body + 4),
        bitsPerSample: buffer.readUInt16LE(body + 14),
      };
    } else if (id === "data") {
      if (!fmt) throw new UnsupportedWavError("data chunk before fmt chunk");
      return { ...fmt, data: buffer.subarray(body, Math.min(buffer.length, body + size)) };
    }
    offset = body + size + (size % 2);
  }
  throw new UnsupportedWavError("no data chunk");
}

const MPEG_RATES = new Set([8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000]);

export function encodeWavToMp3(wav: Buffer, kbps = 32): Buffer {
  const info = parseWav(wav);
  // WAVE_FORMAT_EXTENSIBLE (0xFFFE) with 16-bit PCM is common too.
  if ((info.audioFormat !== 1 && info.audioFormat !== 0xfffe) || info.bitsPerSample !== 16) {
    throw new UnsupportedWavError(
      `only 16-bit PCM WAV can be compressed (format ${info.audioFormat}, ${info.bitsPerSample} bits)`,
    );
  }
  if (info.channels < 1 || info.channels > 2) throw new UnsupportedWavError(`${info.channels} channels`);
  if (!MPEG_RATES.has(info.sampleRate)) throw new UnsupportedWavError(`sample rate ${info.sampleRate} Hz`);
  const frames = Math.floor(info.data.length / (2 * info.channels));
  const samples = new Int16Array(
    info.data.buffer.slice(info.data.byteOffset, info.data.byteOffset + frames * 2 * info.channels),
  );
  const left = new Int16Array(frames);
  const right = info.channels === 2 ? new Int16Array(frames) : undefined;
  for (let i = 0; i < frames; i++) {
    left[i] = samples[i * info.channels]!;
    if (right) right[i] = samples[i * 2 + 1]!;
  }
  const encoder = new Mp3Encoder(info.channels, info.sampleRate, kbps);
  const parts: Uint8Array[] = [];
  const block = 1152;
  for (let i = 0; i < frames; i += block) {
    const l = left.subarray(i, i + block);
    const chunk = right ? encoder.encodeBuffer(l, right.subarray(i, i + block)) : encoder.encodeBuffer(l);
    if (chunk.length > 0) parts.push(chunk);
  }
  const tail = encoder.flush();
  if (tail.length > 0) parts.push(tail);
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.length)));
}

/** True when the buffer starts with an MPEG audio frame header (11 sync bits, layer III). */
export function looksLikeMp3Frame(buffer: Buffer): boolean {
  if (buffer.length < 4) return false;
  const b0 = buffer[0]!;
  const b1 = buffer[1]!;
  const layer = (b1 >> 1) & 0b11;
  return b0 === 0xff && (b1 & 0xe0) === 0xe0 && layer === 0b01;
}
