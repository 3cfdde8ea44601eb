/** postject ships no types; this is the part of its API build.ts uses. */
declare module "postject" {
  export function inject(
    file: string,
    name: string,
    data: Buffer,
    options: { sentinelFuse: string; overwrite?: boolean; machoSegmentName?: string },
  ): Promise<void>;
}
