// The areas module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export { matchAddress } from './address-match';
export type { AddressMatch } from './address-match';
export { findNeighbourhoods } from './address-search';
export { addressKeys } from './addresses';
export { landlordAndAreaPathOfDwelling, placeOfDwelling } from './dwelling-place';
export type { DwellingPlace } from './dwelling-place';
export { estateById, estatesByName } from './estate-lookups';
export type { EstateRef } from './estate-lookups';
export { parseFeatureCollection } from './geojson';
export { bboxOf } from './geometry';
export type { AreaGeometry, BBox, PointGeometry } from './geometry';
export {
	areasOfHousingCompanyEstates,
	dwellingIdsOfHousingCompany,
	dwellingRefsOutsideHousingCompany,
	estateIdsOfHousingCompany,
	housingStockOf,
	insertImportedBuilding,
	insertImportedDwelling,
	updateImportedDwelling
} from './housing-stock';
export type { StockBuilding, StockDwelling, StockEstate } from './housing-stock';
export { importAreas, startAreaImport } from './import';
export { areaAt, areasAt } from './lookup';
export {
	authorizeShaping,
	createBuilding,
	createDwelling,
	createEstate,
	getBuilding,
	getDwelling,
	getEstateBySlug,
	listBuildings,
	listDwellings,
	listEstates,
	shapingRights,
	updateBuilding,
	updateDwelling,
	updateEstate
} from './places';
export { areaFeatureJson, areaJson, presentArea, presentAreaFeature } from './presenters';
export { getPublicArea, getPublicEstate, publicAreaDirectory } from './public';
export { areaOfEstate, estatesInScope, missingPlaces, placeNames } from './scope';
export type { EstateInScope } from './scope';
export { ancestorsOf, createArea, deleteArea, getArea, getAreaBySlug, getAreaTree, listAreas, updateArea } from './areas';
export type { AreaSummary } from './areas';
export { AREA_TREE_DEPTH, areaAndBelow, areaChainUp, areaPath, areaTreeDown, insideAreas } from './tree';
