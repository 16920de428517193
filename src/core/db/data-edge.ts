// The one place where values cross between JavaScript and the two databases: booleans, times and JSON.
// SQLite binds neither booleans nor Date and has no JSON type; PostgreSQL does its part in the pg type parsers.
import {
	OperationNodeTransformer,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type PrimitiveValueListNode,
	type QueryResult,
	type RootOperationNode,
	type UnknownRow,
	type ValueNode
} from 'kysely';
import type { Dialect } from './dialect';
import { BOOLEAN_COLUMNS, JSON_COLUMNS } from './schema';

function isPlainObjectOrArray(value: unknown): boolean {
	if (Array.isArray(value)) return true;
	if (value === null || typeof value !== 'object') return false;
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

export function toDatabaseValue(value: unknown, dialect: Dialect): unknown {
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'boolean') return dialect === 'sqlite' ? (value ? 1 : 0) : value;
	if (isPlainObjectOrArray(value)) return JSON.stringify(value);
	return value;
}

class ParameterTransformer extends OperationNodeTransformer {
	constructor(private readonly dialect: Dialect) {
		super();
	}
	protected override transformValue(node: ValueNode): ValueNode {
		const value = toDatabaseValue(node.value, this.dialect);
		return value === node.value ? node : { ...node, value };
	}
	protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
		return {
			...node,
			// Kysely puts a row of plain values (inserts) and `in (…)` lists here.
			values: node.values.map((v) => toDatabaseValue(v, this.dialect))
		};
	}
}

export function fromSqliteRow(row: UnknownRow): UnknownRow {
	for (const key in row) {
		const value = row[key];
		if (BOOLEAN_COLUMNS.has(key) && typeof value === 'number') row[key] = value !== 0;
		else if (JSON_COLUMNS.has(key) && typeof value === 'string') row[key] = JSON.parse(value);
	}
	return row;
}

/** SQLite's parameters converted as they are bound (see DataEdgePlugin): the same conversion as toDatabaseValue. */
export function toSqliteParameters(parameters: readonly unknown[]): unknown[] {
	const out = new Array(parameters.length);
	for (let i = 0; i < parameters.length; i++) out[i] = toDatabaseValue(parameters[i], 'sqlite');
	return out;
}

/**
 * On PostgreSQL, values are converted in the query tree before it is compiled. On SQLite the tree is left alone and
 * the compiled query's parameters are converted where they are bound (database.ts, toSqliteParameters): walking and
 * copying the whole tree of every query cost more than the conversion, on the intake path about 3% of the CPU.
 */
export class DataEdgePlugin implements KyselyPlugin {
	private readonly transformer: ParameterTransformer;
	constructor(private readonly dialect: Dialect) {
		this.transformer = new ParameterTransformer(dialect);
	}
	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		return this.dialect === 'sqlite' ? args.node : this.transformer.transformNode(args.node);
	}
	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		if (this.dialect === 'sqlite') args.result.rows.forEach(fromSqliteRow);
		return args.result;
	}
}
