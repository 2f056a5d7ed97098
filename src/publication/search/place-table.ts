/**
 * Places described by place records (UiTdatabank places), by every IRI that names them (the hub
 * IRI and its owl:sameAs), so an activity that only names its location by UiTdatabank's IRI gets
 * its address and point. Also remembers which activities used which place, so a changed place
 * record re-extracts them.
 */
import type { PlaceInfo } from './place-info.js';

export class PlaceTable {
  private readonly byIri = new Map<string, PlaceInfo>();
  private readonly irisOf = new Map<string, string[]>();
  private readonly usedBy = new Map<string, Set<string>>();

  /** Sets (or with undefined, drops) the place a place record describes. */
  set(record: string, place: PlaceInfo | undefined): void {
    for (const iri of this.irisOf.get(record) ?? []) this.byIri.delete(iri);
    this.irisOf.delete(record);
    if (!place) return;
    const iris = [place.ref.id, ...(place.ref.aliases ?? [])];
    for (const iri of iris) this.byIri.set(iri, place);
    this.irisOf.set(record, iris);
  }

  /** The place `iri` names, noting that `user` (an activity) depends on it. */
  lookup(iri: string, user: string): PlaceInfo | undefined {
    let users = this.usedBy.get(iri);
    if (!users) this.usedBy.set(iri, (users = new Set()));
    users.add(user);
    return this.byIri.get(iri);
  }

  /** Activities that looked up any IRI of these place records (before and after their change). */
  users(records: string[], before: Map<string, string[]>): Set<string> {
    const out = new Set<string>();
    for (const r of records) for (const iri of [...(before.get(r) ?? []), ...(this.irisOf.get(r) ?? [])]) for (const u of this.usedBy.get(iri) ?? []) out.add(u);
    return out;
  }

  /** The IRIs each of these place records is known by now (to compare after a change). */
  snapshot(records: string[]): Map<string, string[]> {
    return new Map(records.map((r) => [r, this.irisOf.get(r) ?? []]));
  }
}
