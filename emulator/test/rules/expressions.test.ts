/**
 * The rules language, expression by expression: each row is
 * [condition, what it evaluates to, the documented behaviour it checks].
 * Outcomes: 'true' / 'false' / 'error' or a rendered value ('int:3').
 * REF = https://firebase.google.com/docs/reference/rules/ ; LANG =
 * https://firebase.google.com/docs/rules/rules-language ; COND =
 * https://firebase.google.com/docs/firestore/security/rules-conditions
 */
import { evaluate } from './helpers';

type Row = [expr: string, expected: string, doc: string];

const literals: Row[] = [
  ['1', 'int:1', 'REF rules#int: integer literal'],
  ['1.0', 'float:1.0', 'REF rules#float: float literal, distinct from int'],
  ['1e3', 'float:1000.0', 'REF rules#float: exponent form'],
  ['0x10', 'int:16', 'REF rules#int: hexadecimal literal'],
  ["'a\\nb' == \"a\\u000ab\"", 'true', 'REF rules.String: escapes, single or double quotes'],
  ["'\\x41\\101' == 'AA'", 'true', 'REF rules.String: hex and octal escapes'],
  ["r'a\\n' == 'a\\\\n'", 'true', 'REF rules.String: raw strings keep backslashes'],
  ["b'\\xff\\x00'.size()", 'int:2', 'REF rules.Bytes: bytes literal'],
  ['[1, 2, 3]', 'list', 'REF rules.List: list literal'],
  ["{'a': 1}", 'map', 'REF rules.Map: map literal'],
  ['null == null', 'true', 'REF rules: null'],
  ['/databases/$(database)/documents/t/$(id) == resource.__name__', 'true', 'COND: path literal with $() interpolation; resource.__name__ is a path'],
  ['/a/b-c/d_1 == path("a/b-c/d_1")', 'true', 'REF rules.Path: literal segments with - and _'],
  ['9223372036854775807 + 1', 'error', 'REF rules#int: 64-bit, overflow is an error'],
  ['-9223372036854775808 - 1', 'error', 'REF rules#int: underflow is an error'],
  ['-9223372036854775808 < 0', 'true', 'REF rules#int: INT64_MIN literal'],
];

const operators: Row[] = [
  ['!false', 'true', 'LANG operators: logical not'],
  ['-(3)', 'int:-3', 'LANG operators: unary minus'],
  ['7 / 2', 'int:3', 'REF rules#int: integer division truncates'],
  ['-7 / 2', 'int:-3', 'REF rules#int: truncation toward zero'],
  ['7 % 3', 'int:1', 'LANG operators: modulo'],
  ['7.0 / 2', 'float:3.5', 'REF rules#float: int/float mixes give float'],
  ['1 / 0', 'error', 'REF rules#int: division by zero is an error'],
  ['2 + 3 * 4', 'int:14', 'LANG operators: * binds tighter than +'],
  ["'ab' + 'cd'", 'string:"abcd"', 'REF rules.String: + concatenates'],
  ['[1] + [2] == [1, 2]', 'true', 'REF rules.List: + concatenates lists'],
  ['1 == 1.0', 'true', 'REF rules#float: int and float compare numerically'],
  ["1 == '1'", 'false', 'LANG operators: values of different types are not equal'],
  ["1 < 'a'", 'error', 'LANG operators: ordering different types is an error'],
  ['2 > 1 && 1 >= 1 && 1 <= 1 && 0 < 1', 'true', 'LANG operators: comparisons'],
  ["'a' < 'b'", 'true', 'REF rules.String: lexicographic ordering'],
  ["'b' in ['a', 'b']", 'true', 'REF rules.List: in'],
  ["'a' in {'a': 1}", 'true', 'REF rules.Map: in tests keys'],
  ["'z' in {'a': 1}", 'false', 'REF rules.Map: in tests keys'],
  ['1 is int', 'true', 'LANG operators: is with type names'],
  ['1.0 is int', 'false', 'REF rules#float: a float is not an int'],
  ['1.0 is number && 1 is number', 'true', 'REF rules: number matches int and float'],
  ["'x' is string && [1] is list && {} is map && null is map == false", 'true', 'LANG operators: is'],
  ['resource.data.ts is timestamp && resource.data.raw is bytes && resource.__name__ is path', 'true', 'REF rules: type names'],
  ['true ? 1 : 2', 'int:1', 'LANG operators: ternary'],
  ['false ? 1 / 0 : 2', 'int:2', 'LANG operators: ternary evaluates only the branch taken'],
  ['1 ? 1 : 2', 'error', 'LANG operators: ternary condition must be a bool'],
  ['true || false && false', 'true', 'LANG operators: && binds tighter than ||'],
  ['1 + 2 == 3 && 3 > 2', 'true', 'LANG operators: precedence of == below arithmetic'],
  ['resource.data.tags[1]', 'string:"b"', 'REF rules.List: indexing'],
  ['resource.data.tags[5]', 'error', 'REF rules.List: index out of range is an error'],
  ["resource.data['uid']", 'string:"alice"', 'REF rules.Map: indexing by key'],
  ['resource.data.tags[0:2] == ["a", "b"]', 'true', 'REF rules.List: range [i:j]'],
  ["'hello'[1:3]", 'string:"el"', 'REF rules.String: range'],
  ['resource.__name__[3]', 'string:"t"', 'REF rules.Path: indexing segments'],
];

const errors: Row[] = [
  ['resource.data.missing', 'error', 'COND: a missing field is an error'],
  ['resource.data.missing == 1', 'error', 'REF rules: errors propagate through comparisons'],
  ['false && resource.data.missing', 'false', 'LANG error values: false && error is false'],
  ['resource.data.missing && false', 'false', 'LANG error values: && is false if either side is false'],
  ['true || resource.data.missing', 'true', 'LANG error values: true || error is true'],
  ['resource.data.missing || true', 'true', 'LANG error values: || is true if either side is true'],
  ['true && resource.data.missing', 'error', 'LANG error values: true && error is error'],
  ['!resource.data.missing', 'error', 'LANG error values: ! of an error is an error'],
  ['resource.data.nul.x', 'error', 'REF rules: member of null is an error'],
  ["resource.data.uid && true", 'error', 'LANG operators: && needs bools'],
  ['request.auth.token.missing || true', 'true', 'LANG error values: a missing claim absorbed by ||'],
];

const strings: Row[] = [
  ["'héllo'.size()", 'int:5', 'REF rules.String#size: characters'],
  ["'AbC'.lower() + 'AbC'.upper()", 'string:"abcABC"', 'REF rules.String#lower/upper'],
  ["'  x '.trim()", 'string:"x"', 'REF rules.String#trim'],
  ["'abc'.matches('a.c')", 'true', 'REF rules.String#matches: RE2'],
  ["'xabcx'.matches('abc')", 'false', 'REF rules.String#matches: whole-string match'],
  ["'a,b,,c'.split(',')", 'list', 'REF rules.String#split'],
  ["'a,b,,c'.split(',').size()", 'int:4', 'REF rules.String#split keeps empty parts'],
  ["'aaa'.replace('a+', 'b')", 'string:"b"', 'REF rules.String#replace: regex, all matches'],
  ["'a-b'.replace('(a)-(b)', '$2-$1')", 'string:"b-a"', 'REF rules.String#replace: group references'],
  ["'hi'.toUtf8() == b'hi'", 'true', 'REF rules.String#toUtf8'],
  ['string(1) + string(1.5) + string(true) + string(null)', 'string:"11.5truenull"', 'REF rules#string'],
  ["int('42') + int(3.9)", 'int:45', 'REF rules#int: from string and float (truncates)'],
  ["int('x')", 'error', 'REF rules#int: bad string is an error'],
  ["float(2) + float('0.5')", 'float:2.5', 'REF rules#float'],
  ['debug(1) == 1', 'true', 'REF rules#debug returns its argument'],
];

const lists: Row[] = [
  ['resource.data.tags.size()', 'int:3', 'REF rules.List#size'],
  ["resource.data.tags.hasAll(['a', 'c'])", 'true', 'REF rules.List#hasAll'],
  ["resource.data.tags.hasAny(['x', 'c'])", 'true', 'REF rules.List#hasAny'],
  ["resource.data.tags.hasOnly(['a', 'b', 'c', 'd'])", 'true', 'REF rules.List#hasOnly'],
  ["resource.data.tags.hasOnly(['a'])", 'false', 'REF rules.List#hasOnly'],
  ["resource.data.tags.join('-')", 'string:"a-b-c"', 'REF rules.List#join'],
  ['[1].concat([2]).size()', 'int:2', 'REF rules.List#concat'],
  ["resource.data.tags.removeAll(['b']) == ['a', 'c']", 'true', 'REF rules.List#removeAll'],
  ['[1, 1, 2].toSet().size()', 'int:2', 'REF rules.List#toSet'],
  ['[1, 1, 2].toSet() is set', 'true', 'REF rules.Set'],
];

const maps: Row[] = [
  ['resource.data.m.keys()', 'list', 'REF rules.Map#keys'],
  ['resource.data.m.values().size()', 'int:2', 'REF rules.Map#values'],
  ['resource.data.m.size()', 'int:2', 'REF rules.Map#size'],
  ["resource.data.get('nope', 7)", 'int:7', 'REF rules.Map#get: default for a missing key'],
  ["resource.data.get(['m', 'b', 'c'], 0)", 'int:2', 'REF rules.Map#get: list key is a path'],
  ["resource.data.get(['m', 'x', 'c'], 0)", 'int:0', 'REF rules.Map#get: missing path gives the default'],
  ["request.resource.data.diff(resource.data).affectedKeys() == ['n', 'm', 'extra'].toSet()", 'true', 'REF rules.MapDiff#affectedKeys'],
  ["request.resource.data.diff(resource.data).changedKeys() == ['n', 'm'].toSet()", 'true', 'REF rules.MapDiff#changedKeys'],
  ["resource.data.diff(request.resource.data).addedKeys() == ['extra'].toSet()", 'true', 'REF rules.MapDiff#addedKeys'],
  ["request.resource.data.diff(resource.data).removedKeys() == ['extra'].toSet()", 'true', 'REF rules.MapDiff#removedKeys (keys of the receiver missing from the argument)'],
  ["request.resource.data.diff(resource.data).unchangedKeys().hasAll(['uid', 's'])", 'true', 'REF rules.MapDiff#unchangedKeys'],
  ["request.resource.data.diff(resource.data).affectedKeys().hasOnly(['n', 'm', 'extra'])", 'true', 'COND: validate changed fields with diff().affectedKeys().hasOnly()'],
  ["{'a': {'b': 1}} == {'a': {'b': 1.0}}", 'true', 'REF rules.Map: deep equality'],
];

const sets: Row[] = [
  ['[1, 2].toSet().union([3].toSet()).size()', 'int:3', 'REF rules.Set#union'],
  ['[1, 2].toSet().intersection([2, 3].toSet()) == [2].toSet()', 'true', 'REF rules.Set#intersection'],
  ['[1, 2].toSet().difference([2].toSet()) == [1].toSet()', 'true', 'REF rules.Set#difference'],
  ['[1, 2].toSet().hasAll([1]) && [1, 2].toSet().hasAny([2, 9]) && [1].toSet().hasOnly([1, 2])', 'true', 'REF rules.Set#hasAll/hasAny/hasOnly'],
  ['2 in [1, 2].toSet()', 'true', 'REF rules.Set: in'],
];

const bytesAndHashing: Row[] = [
  ["b'hi'.toBase64()", 'string:"aGk="', 'REF rules.Bytes#toBase64'],
  ["b'\\x0a\\xff'.toHexString()", 'string:"0AFF"', 'REF rules.Bytes#toHexString (upper case)'],
  ["hashing.md5('abc').toHexString().lower()", 'string:"900150983cd24fb0d6963f7d28e17f72"', 'REF rules.hashing#md5'],
  ["hashing.sha256(b'abc').toHexString().lower() == 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'", 'true', 'REF rules.hashing#sha256 on bytes'],
  ["hashing.crc32('123456789').toHexString()", 'string:"CBF43926"', 'REF rules.hashing#crc32'],
  ["hashing.crc32c('123456789').toHexString()", 'string:"E3069283"', 'REF rules.hashing#crc32c'],
];

const time: Row[] = [
  ['resource.data.ts.year()', 'int:2026', 'REF rules.Timestamp#year'],
  ['resource.data.ts.month() * 100 + resource.data.ts.day()', 'int:102', 'REF rules.Timestamp#month/day'],
  ['resource.data.ts.hour() * 10000 + resource.data.ts.minute() * 100 + resource.data.ts.second()', 'int:30405', 'REF rules.Timestamp#hour/minute/second'],
  ['resource.data.ts.nanos()', 'int:678000000', 'REF rules.Timestamp#nanos'],
  ['resource.data.ts.dayOfWeek()', 'int:5', 'REF rules.Timestamp#dayOfWeek (2026-01-02 is a Friday; 1 = Monday)'],
  ['resource.data.ts.dayOfYear()', 'int:2', 'REF rules.Timestamp#dayOfYear'],
  ['resource.data.ts.date() == timestamp.date(2026, 1, 2)', 'true', 'REF rules.Timestamp#date, rules.timestamp#date'],
  ['resource.data.ts.time() == duration.time(3, 4, 5, 678000000)', 'true', 'REF rules.Timestamp#time, rules.duration#time'],
  ['resource.data.ts.toMillis() == timestamp.value(resource.data.ts.toMillis()).toMillis()', 'true', 'REF rules.Timestamp#toMillis, rules.timestamp#value'],
  ["resource.data.ts.hour('America/New_York')", 'int:22', 'REF rules.Timestamp#hour with a time zone'],
  ['request.time == timestamp.value(1767323045000)', 'true', 'REF rules.firestore.Request#time'],
  ['resource.data.ts + duration.value(1, "d") > resource.data.ts', 'true', 'REF rules.Timestamp: + duration'],
  ['(resource.data.ts - duration.value(2, "h")).hour()', 'int:1', 'REF rules.Timestamp: - duration'],
  ['request.time - resource.data.ts', 'duration', 'REF rules.Timestamp: timestamp - timestamp is a duration'],
  ['duration.value(90, "s").seconds()', 'int:90', 'REF rules.Duration#seconds'],
  ['duration.value(1500, "ms").nanos()', 'int:500000000', 'REF rules.Duration#nanos'],
  ['duration.abs(duration.value(-3, "m")) == duration.value(180, "s")', 'true', 'REF rules.duration#abs'],
  ['duration.value(1, "parsec")', 'error', 'REF rules.duration#value: unknown unit is an error'],
  ['timestamp.value(9223372036854775).year()', 'error', 'REF rules.Timestamp: out-of-range timestamps are errors, not crashes'],
  ['timestamp.date(2026, 2, 30)', 'error', 'REF rules.timestamp#date: invalid dates are errors'],
];

const mathAndGeo: Row[] = [
  ['math.abs(-3) == 3 && math.abs(-2.5) == 2.5', 'true', 'REF rules.math#abs'],
  ['math.ceil(1.2)', 'int:2', 'REF rules.math#ceil'],
  ['math.floor(-1.2)', 'int:-2', 'REF rules.math#floor'],
  ['math.round(2.5) == 3 && math.round(-2.5) == -3', 'true', 'REF rules.math#round: half away from zero'],
  ['math.sqrt(9.0)', 'float:3.0', 'REF rules.math#sqrt'],
  ['math.pow(2, 10)', 'float:1024.0', 'REF rules.math#pow'],
  ["math.isInfinite(float('inf')) || math.isInfinite(1.0 / 0)", 'true', 'REF rules.math#isInfinite'],
  ['math.isNaN(0.0 / 0) && !math.isNaN(1.0)', 'true', 'REF rules.math#isNaN'],
  ['latlng.value(10, 20).latitude() + latlng.value(10, 20).longitude()', 'float:30.0', 'REF rules.LatLng#latitude/longitude'],
  ['latlng.value(0, 0).distance(latlng.value(0, 1)) > 111000 && latlng.value(0, 0).distance(latlng.value(0, 1)) < 112000', 'true', 'REF rules.LatLng#distance in meters'],
  ['latlng.value(100, 0)', 'error', 'REF rules.latlng#value: latitude out of range'],
];

const requestAndResource: Row[] = [
  ['request.auth.uid', 'string:"alice"', 'REF rules.firestore.Request#auth'],
  ["request.auth.token.email == 'alice@example.com'", 'true', 'REF rules.firestore.Request#auth token claims'],
  ["request.auth.token.firebase.sign_in_provider", 'string:"password"', 'REF rules.firestore.Request#auth firebase claims'],
  ["request.method", 'string:"update"', 'REF rules.firestore.Request#method'],
  ['request.path == /databases/$(database)/documents/t/doc1', 'true', 'REF rules.firestore.Request#path'],
  ['request.resource.data.n - resource.data.n', 'int:1', 'REF rules.firestore.Request#resource: the document after the write'],
  ['resource.id', 'string:"doc1"', 'REF rules.firestore.Resource#id'],
  ["resource['__name__'] == /databases/$(database)/documents/t/$(resource.id)", 'true', 'REF rules.firestore.Resource#__name__'],
  ['resource.data.f is float && resource.data.n is int && resource.data.big == 9223372036854775807', 'true', 'REF rules#int: stored integerValue is a 64-bit int'],
  ['id', 'string:"doc1"', 'REF rules-structure: path variables'],
  ['database', 'string:"(default)"', 'REF rules-structure: path variables'],
];

const functions: Row[] = [
  ['double(2) == 4', 'true', 'LANG functions: parameters'],
  ['owns(resource)', 'true', 'LANG functions: let bindings'],
  ['usesPathVar()', 'string:"doc1"', 'LANG functions: functions read path variables in scope'],
];
const FUNCS = `function double(x) { return x * 2; }
    function owns(res) { let u = res.data.uid; let me = request.auth.uid; return u == me; }
    function usesPathVar() { return id; }`;

describe.each([
  ['literals', literals],
  ['operators', operators],
  ['error values', errors],
  ['strings and conversions', strings],
  ['lists', lists],
  ['maps and MapDiff', maps],
  ['sets', sets],
  ['bytes and hashing', bytesAndHashing],
  ['timestamp and duration', time],
  ['math and latlng', mathAndGeo],
  ['request and resource', requestAndResource],
  ['functions', functions],
])('%s', (_name, rows) => {
  test.each(rows)('%s → %s (%s)', (expr, expected) => {
    expect(evaluate(expr, { functions: FUNCS })).toBe(expected);
  });
});
