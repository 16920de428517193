// Areas grouped under their municipality, in list order: how residents and workers look for "their" neighbourhood.
export type Grouped<T> = Array<{ municipality: string | null; areas: T[] }>;

export function groupByMunicipality<T extends { parentName: string | null }>(areas: readonly T[]): Grouped<T> {
	const groups: Grouped<T> = [];
	for (const area of areas) {
		const last = groups.at(-1);
		if (last && last.municipality === area.parentName) last.areas.push(area);
		else groups.push({ municipality: area.parentName, areas: [area] });
	}
	return groups;
}
