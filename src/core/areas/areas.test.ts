// Stories of coordinators and community workers shaping areas, estates, buildings and dwellings, on both databases.
import { beforeEach, expect, it } from 'vitest';
import { anonymous, system, type StaffActor } from '../access';
import { describeOnDatabases } from '../db/testing';
import { Conflict, Forbidden, Invalid, Unauthenticated } from '../errors';
import { buildStaffActor, squareBoundary } from './factories';
import { areaAt } from './lookup';
import { createBuilding, createDwelling, createEstate, listDwellings, listEstates, updateEstate } from './places';
import { createArea, deleteArea, getAreaBySlug, getAreaTree, listAreas, updateArea } from './areas';

describeOnDatabases(
	'areas and places',
	(ctx) => {
		let coordinator: StaffActor;
		let worker: StaffActor;
		let landlord: StaffActor;
		let province: { id: string };
		// Each story starts on a database of its own, from the institute and the places it needs.
		beforeEach(async () => {
			// The institute works in the province of West Flanders: every area its staff shape lies inside it.
			province = await createArea(ctx.db, system('test'), { kind: 'region', name: 'West-Vlaanderen' });
			coordinator = await buildStaffActor(ctx.db, 'coordinator', 'regional_institute', { worksIn: [province.id] });
			worker = await buildStaffActor(ctx.db, 'community_worker', 'regional_institute', { worksIn: [province.id] });
			landlord = await buildStaffActor(ctx.db, 'partner_staff', 'housing_company');
		});
		/** Wevelgem with the Wallaysplein inside it, as the coordinator sets them up in the first story. */
		const wevelgemWithPlein = async () => {
			const wevelgem = await createArea(ctx.db, coordinator, { kind: 'municipality', name: 'Wevelgem', code: '34041', parentId: province.id });
			const plein = await createArea(ctx.db, coordinator, {
				kind: 'focus_area',
				name: 'Wallaysplein',
				parentId: wevelgem.id,
				boundary: JSON.stringify(squareBoundary(3.17, 50.806, 0.01))
			});
			return { wevelgem, plein };
		};
		/** The community worker's estate on the square, with one building and one dwelling. */
		const estateOnPlein = async (plein: { id: string }) => {
			const estate = await createEstate(ctx.db, worker, { areaId: plein.id, name: 'Wallaysplein', lon: '3,1745', lat: '50.8093' });
			const building = await createBuilding(ctx.db, worker, {
				estateId: estate.id,
				name: 'Blok A',
				street: 'Wallaysplein',
				houseNumber: '1',
				postalCode: '8560'
			});
			await createDwelling(ctx.db, worker, { buildingId: building.id, street: 'Wallaysplein', houseNumber: '1', postalCode: '8560' });
			return estate;
		};

		it('a coordinator sets up Wevelgem with the Wallaysplein inside it, and anyone can find it by its address', async () => {
			const wevelgem = await createArea(ctx.db, coordinator, { kind: 'municipality', name: 'Wevelgem', code: '34041', parentId: province.id });
			const wallaysplein = await createArea(ctx.db, coordinator, {
				kind: 'focus_area',
				name: 'Wallaysplein',
				parentId: wevelgem.id,
				description: 'Sociale woonwijk rond het plein',
				boundary: JSON.stringify(squareBoundary(3.17, 50.806, 0.01))
			});
			expect(wallaysplein.slug).toBe('wallaysplein');
			expect(wallaysplein.min_lon).toBe(3.17);
			const again = await createArea(ctx.db, coordinator, { kind: 'neighbourhood', name: 'Wallaysplein', parentId: province.id });
			expect(again.slug).toBe('wallaysplein-2');

			const found = await getAreaBySlug(ctx.db, anonymous, 'wallaysplein');
			expect(found.name).toBe('Wallaysplein');
			const tree = await getAreaTree(ctx.db, anonymous, 'wallaysplein');
			expect(tree.ancestors.map((a) => a.name)).toEqual(['West-Vlaanderen', 'Wevelgem']);
			const children = await listAreas(ctx.db, anonymous, { parentId: wevelgem.id });
			expect(children.map((a) => a.slug)).toEqual(['wallaysplein']);
			expect(await areaAt(ctx.db, 3.175, 50.81)).toMatchObject({ slug: 'wallaysplein' });
		});

		it('a community worker may not create or change areas; a resident without an account may only read them', async () => {
			await wevelgemWithPlein();
			await expect(createArea(ctx.db, worker, { kind: 'neighbourhood', name: 'Vlaskouter' })).rejects.toThrow(Forbidden);
			await expect(createArea(ctx.db, anonymous, { kind: 'neighbourhood', name: 'Vlaskouter' })).rejects.toThrow(Unauthenticated);
			expect((await listAreas(ctx.db, anonymous, { kind: 'municipality' })).map((a) => a.name)).toContain('Wevelgem');
		});

		it('refuses a boundary that is not a closed polygon, with the field named', async () => {
			const open = {
				type: 'Polygon',
				coordinates: [
					[
						[3, 50],
						[3.1, 50],
						[3.1, 50.1],
						[3, 50.1]
					]
				]
			};
			const err = await createArea(ctx.db, coordinator, { kind: 'neighbourhood', name: 'Open', boundary: open, parentId: province.id }).catch((e) => e);
			expect(err).toBeInstanceOf(Invalid);
			expect((err as Invalid).issues.map((i) => [i.path, i.code, i.params?.format])).toEqual([['boundary', 'invalid_format', 'geojson']]);
			const notJson = await createArea(ctx.db, coordinator, { kind: 'neighbourhood', name: 'Open', boundary: '{oops', parentId: province.id }).catch((e) => e);
			expect((notJson as Invalid).issues[0].path).toBe('boundary');
		});

		it('keeps the tree a tree, keeps the boundary when the form leaves it empty, and refuses a taken address', async () => {
			await wevelgemWithPlein();
			const wevelgem = await getAreaBySlug(ctx.db, coordinator, 'wevelgem');
			const plein = await getAreaBySlug(ctx.db, coordinator, 'wallaysplein');
			await expect(updateArea(ctx.db, coordinator, wevelgem.id, { kind: 'municipality', name: 'Wevelgem', parentId: plein.id })).rejects.toThrow(Invalid);
			const renamed = await updateArea(ctx.db, coordinator, plein.id, {
				kind: 'focus_area',
				name: 'Wallaysplein en omgeving',
				parentId: wevelgem.id,
				boundary: ''
			});
			expect(renamed.slug).toBe('wallaysplein');
			expect(renamed.boundary).toEqual(squareBoundary(3.17, 50.806, 0.01));
			await expect(updateArea(ctx.db, coordinator, plein.id, { kind: 'focus_area', name: 'X', slug: 'wevelgem', parentId: wevelgem.id })).rejects.toThrow(
				Conflict
			);
			const cleared = await updateArea(
				ctx.db,
				coordinator,
				plein.id,
				{ kind: 'focus_area', name: 'Wallaysplein', parentId: wevelgem.id },
				{ clearBoundary: true }
			);
			expect(cleared.boundary).toBeNull();
			expect(await areaAt(ctx.db, 3.175, 50.81)).toBeNull();
			await updateArea(ctx.db, coordinator, plein.id, {
				kind: 'focus_area',
				name: 'Wallaysplein',
				parentId: wevelgem.id,
				boundary: squareBoundary(3.17, 50.806, 0.01)
			});
		});

		it('a community worker adds an estate with a building and dwellings, and the area shows the counts', async () => {
			await wevelgemWithPlein();
			const plein = await getAreaBySlug(ctx.db, coordinator, 'wallaysplein');
			await expect(createEstate(ctx.db, landlord, { areaId: plein.id, name: 'Wallaysplein' })).rejects.toThrow(Forbidden);
			const estate = await createEstate(ctx.db, worker, { areaId: plein.id, name: 'Wallaysplein', lon: '3,1745', lat: '50.8093' });
			expect(estate).toMatchObject({ slug: 'wallaysplein', lon: 3.1745, lat: 50.8093 });
			const building = await createBuilding(ctx.db, worker, {
				estateId: estate.id,
				name: 'Blok A',
				street: 'Wallaysplein',
				houseNumber: '1',
				postalCode: '8560'
			});
			for (const [n, box] of [
				['1', 'A2'],
				['1', 'A1'],
				['10', null],
				['2', null]
			] as const) {
				await createDwelling(ctx.db, worker, {
					buildingId: building.id,
					street: 'Wallaysplein',
					houseNumber: n,
					box,
					postalCode: '8560',
					externalRef: `VL-${n}-${box ?? ''}`
				});
			}
			await expect(
				createDwelling(ctx.db, worker, { buildingId: building.id, street: 'Wallaysplein', houseNumber: '3', postalCode: '8560', externalRef: 'VL-2-' })
			).rejects.toThrow(Conflict);
			const badPostcode = await createDwelling(ctx.db, worker, {
				buildingId: building.id,
				street: 'Wallaysplein',
				houseNumber: '3',
				postalCode: '85600'
			}).catch((e) => e);
			expect((badPostcode as Invalid).issues[0]).toMatchObject({ path: 'postalCode', code: 'invalid_format' });

			const dwellings = await listDwellings(ctx.db, worker, { estateId: estate.id });
			expect(dwellings.map((d) => `${d.house_number}${d.box ?? ''}`)).toEqual(['1A1', '1A2', '2', '10']);
			const [listed] = await listEstates(ctx.db, worker, plein.id);
			expect(listed).toMatchObject({ name: 'Wallaysplein', buildings: 1, dwellings: 4, households: 0 });

			const moved = await updateEstate(ctx.db, worker, estate.id, { areaId: plein.id, name: 'Wallaysplein-Noord', description: 'Rond het plein' });
			expect(moved).toMatchObject({ slug: 'wallaysplein', name: 'Wallaysplein-Noord', lon: null });
		});

		it('a coordinator and a worker of the institute working in Brecht shape nothing in Wevelgem', async () => {
			await estateOnPlein((await wevelgemWithPlein()).plein);
			const brecht = await createArea(ctx.db, system('test'), { kind: 'municipality', name: 'Brecht' });
			const antwerpCoordinator = await buildStaffActor(ctx.db, 'coordinator', 'regional_institute', { worksIn: [brecht.id] });
			const antwerpWorker = await buildStaffActor(ctx.db, 'community_worker', 'regional_institute', { worksIn: [brecht.id] });
			const wevelgem = await getAreaBySlug(ctx.db, anonymous, 'wevelgem');
			const plein = await getAreaBySlug(ctx.db, anonymous, 'wallaysplein');
			const [estate] = await listEstates(ctx.db, worker, plein.id);
			await expect(
				updateArea(ctx.db, antwerpCoordinator, wevelgem.id, { kind: 'municipality', name: 'Wevelgem (Antwerpen)', parentId: province.id })
			).rejects.toThrow(Forbidden);
			await expect(createArea(ctx.db, antwerpCoordinator, { kind: 'neighbourhood', name: 'Moorsele', parentId: wevelgem.id })).rejects.toThrow(Forbidden);
			await expect(deleteArea(ctx.db, antwerpCoordinator, plein.id)).rejects.toThrow(Forbidden);
			// Not even by moving Brecht's own neighbourhood into Wevelgem.
			const inBrecht = await createArea(ctx.db, antwerpCoordinator, { kind: 'village', name: 'Sint-Lenaarts', parentId: brecht.id });
			await expect(updateArea(ctx.db, antwerpCoordinator, inBrecht.id, { kind: 'village', name: 'Sint-Lenaarts', parentId: wevelgem.id })).rejects.toThrow(
				Forbidden
			);
			await expect(createEstate(ctx.db, antwerpWorker, { areaId: plein.id, name: 'Nieuw blok' })).rejects.toThrow(Forbidden);
			await expect(updateEstate(ctx.db, antwerpWorker, estate.id, { areaId: plein.id, name: 'Overgenomen' })).rejects.toThrow(Forbidden);
			await expect(updateEstate(ctx.db, antwerpWorker, estate.id, { areaId: inBrecht.id, name: 'Verhuisd' })).rejects.toThrow(Forbidden);
			await expect(
				createBuilding(ctx.db, antwerpWorker, { estateId: estate.id, name: 'Blok Z', street: 'Wallaysplein', houseNumber: '99', postalCode: '8560' })
			).rejects.toThrow(Forbidden);
			const [dwelling] = await listDwellings(ctx.db, worker, { estateId: estate.id });
			await expect(
				createDwelling(ctx.db, antwerpWorker, { buildingId: dwelling.building_id, street: 'Wallaysplein', houseNumber: '99', postalCode: '8560' })
			).rejects.toThrow(Forbidden);
			expect((await getAreaBySlug(ctx.db, anonymous, 'wevelgem')).name).toBe('Wevelgem');
			expect((await listEstates(ctx.db, worker, plein.id)).map((e) => e.name)).toEqual([estate.name]);
		});

		it('does not delete an area that still has estates; an empty one goes', async () => {
			await estateOnPlein((await wevelgemWithPlein()).plein);
			const plein = await getAreaBySlug(ctx.db, coordinator, 'wallaysplein');
			await expect(deleteArea(ctx.db, coordinator, plein.id)).rejects.toThrow(Conflict);
			const empty = await createArea(ctx.db, system('test'), { kind: 'village', name: 'Gullegem', parentId: province.id });
			await expect(deleteArea(ctx.db, worker, empty.id)).rejects.toThrow(Forbidden);
			await deleteArea(ctx.db, coordinator, empty.id);
			await expect(getAreaBySlug(ctx.db, anonymous, 'gullegem')).rejects.toThrow('not found');
		});
	},
	{ each: true }
);
