/**
 * An event's images by URL (issue 18: "images by URL"): a new one is imported (`POST /images`
 * with its contentUrl) and linked (`POST /events/{id}/images`), one the source no longer has is
 * unlinked (`DELETE /events/{id}/images/{imageId}`). A client without uploadImage leaves images alone.
 */
import type { EntryApi, EntryDocument } from '../../connectors/uitdatabank/entry-contract.js';

/** Image URLs, sorted (what the push hashes and compares). */
export const imageUrlsOf = (images: EntryDocument[]): string[] => images.map((i) => String(i.contentUrl ?? '')).filter(Boolean).sort();

/**
 * Brings the event's images to `wanted`; `had` maps each image URL linked before to its UiTdatabank
 * id. Resolves to the map now; rejects with the first failure, passed through `tag` with its action.
 */
export async function syncImages(api: EntryApi, eventId: string, had: Record<string, string>, wanted: EntryDocument[], tag: (error: unknown, action: string) => unknown): Promise<Record<string, string>> {
  const images = { ...had };
  if (!api.uploadImage) return images;
  const urls = new Set(imageUrlsOf(wanted));
  for (const [url, imageId] of Object.entries(images)) {
    if (urls.has(url)) continue;
    try {
      await api.update('events', eventId, { method: 'DELETE', path: `images/${imageId}` });
    } catch (error) {
      throw tag(error, `remove the image ${url}`);
    }
    delete images[url];
  }
  for (const image of wanted) {
    const url = String(image.contentUrl ?? '');
    if (!url || images[url]) continue;
    try {
      const uploaded = await api.uploadImage(image);
      await api.update('events', eventId, { method: 'POST', path: 'images', body: { mediaObjectId: uploaded.id } });
      images[url] = uploaded.id;
    } catch (error) {
      throw tag(error, `add the image ${url}`);
    }
  }
  return images;
}
