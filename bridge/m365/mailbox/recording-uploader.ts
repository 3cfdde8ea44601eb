/**
 * A call recording → OneDrive (upload session, ranges PUT straight to the pre-authenticated uploadUrl without
 * the Authorization header, as Graph asks) → a sharing link for the note. Optionally compressed to MP3 first.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Logger } from "../../log/log.js";
import type { M365Config } from "../config.js";
import { normalizeGraphError, requireString, UploadError } from "../graph-client.js";
import { encodeWavToMp3, UnsupportedWavError } from "./mp3-encoder.js";
import { errorMessage } from "../../log/error-message.js";

export interface UploadedRecording {
  itemId: string;
  webUrl: string;
  name: string;
  size: number;
}

export class RecordingUploader {
  constructor(
    private readonly client: Client,
    private readonly calls: M365Config["calls"],
    private readonly log: Logger,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /**
   * `recording` is what calls/recording-file.ts read and allowed; `remoteStem` is the file name without extension
   * (the call's date, number and direction).
   */
  async upload(recording: { content: Buffer; extension: string }, remoteStem: string): Promise<UploadedRecording> {
    let { content, extension } = recording;
    if (this.calls.recording === "mp3" && extension !== ".mp3") {
      try {
        content = encodeWavToMp3(content, this.calls.mp3Kbps);
        extension = ".mp3";
      } catch (error) {
        if (!(error instanceof UnsupportedWavError)) throw error;
        this.log("warn", "recording not compressed, uploading as is", { file: remoteStem, reason: error.message });
      }
    }
    const name = `${safeName(remoteStem)}${extension}`;
    const itemPath = [...this.calls.recordingFolder.split("/").filter(Boolean), name].map(encodeURIComponent).join("/");
    let uploadUrl: string;
    try {
      const session: unknown = await this.client
        .api(`/me/drive/root:/${itemPath}:/createUploadSession`)
        .post({ item: { "@microsoft.graph.conflictBehavior": "replace", name } });
      uploadUrl = requireString(session, "uploadUrl", "the upload session");
    } catch (error) {
      throw normalizeGraphError(error);
    }
    const item = await this.putRanges(uploadUrl, content);
    return { itemId: item.id, webUrl: await this.shareLink(item), name, size: content.length };
  }

  private async putRanges(uploadUrl: string, content: Buffer): Promise<{ id: string; webUrl?: string }> {
    const chunk = this.calls.uploadChunkBytes;
    for (let start = 0; start < content.length || content.length === 0; start += chunk) {
      const end = Math.min(content.length, start + chunk);
      const response = await this.fetchImpl(uploadUrl, {
        method: "PUT",
        headers: {
          "Content-Length": String(end - start),
          "Content-Range": `bytes ${start}-${end - 1}/${content.length}`,
        },
        body: new Uint8Array(content.subarray(start, end)),
      });
      const body = (await response.json().catch(() => ({}))) as {
        id?: string;
        webUrl?: string;
        error?: { message?: string };
      };
      if (response.status === 200 || response.status === 201) {
        if (!body.id) throw new UploadError("upload finished without a drive item", response.status);
        return { id: body.id, ...(body.webUrl ? { webUrl: body.webUrl } : {}) };
      }
      if (response.status !== 202) {
        const retryAfter = Number(response.headers.get("retry-after") ?? "");
        throw new UploadError(
          `recording upload failed: ${response.status} ${body.error?.message ?? ""}`.trim(),
          response.status,
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        );
      }
      if (content.length === 0) break;
    }
    throw new UploadError("upload session did not complete", 0);
  }

  private async shareLink(item: { id: string; webUrl?: string }): Promise<string> {
    try {
      const permission = (await this.client
        .api(`/me/drive/items/${encodeURIComponent(item.id)}/createLink`)
        .post({ type: "view", scope: this.calls.linkScope })) as { link?: { webUrl?: string } };
      if (permission.link?.webUrl) return permission.link.webUrl;
    } catch (error) {
      // Sharing may be switched off by policy; the owner's own link still works for the user.
      if (!item.webUrl) throw normalizeGraphError(error);
      this.log("warn", "sharing link refused, using the file's own link", { reason: errorMessage(error) });
    }
    if (!item.webUrl) throw new Error("no link for the uploaded recording");
    return item.webUrl;
  }
}

function safeName(stem: string): string {
  return stem
    .replace(/[\\/:*?"<>|#%]+/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}
