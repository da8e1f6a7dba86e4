import { randomBytes } from "node:crypto";
import { newSid } from "./ids.js";

/** A file a control request attached to an incoming text. */
export interface MediaFile {
  contentType: string;
  bytes: Buffer;
}

/** A Media resource of an incoming message, kept in memory. */
export interface HostedMedia extends MediaFile {
  sid: string;
  accountSid: string;
  messageSid: string;
  /** Path segment of the unauthenticated storage URL Twilio redirects to. */
  storageKey: string;
}

/** The files of incoming MMS that the sandbox serves as Twilio does. */
export class MediaStore {
  private readonly bySid = new Map<string, HostedMedia>();
  private readonly byStorageKey = new Map<string, HostedMedia>();

  add(accountSid: string, messageSid: string, file: MediaFile): HostedMedia {
    const media: HostedMedia = {
      ...file,
      sid: newSid("ME"),
      accountSid,
      messageSid,
      storageKey: randomBytes(32).toString("hex"),
    };
    this.bySid.set(media.sid, media);
    this.byStorageKey.set(media.storageKey, media);

    return media;
  }

  find(
    accountSid: string,
    messageSid: string,
    mediaSid: string,
  ): HostedMedia | undefined {
    const media = this.bySid.get(mediaSid);
    const matches =
      media?.accountSid === accountSid && media.messageSid === messageSid;

    return matches ? media : undefined;
  }

  findByStorageKey(storageKey: string): HostedMedia | undefined {
    return this.byStorageKey.get(storageKey);
  }
}
