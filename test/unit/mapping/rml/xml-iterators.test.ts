/**
 * XmlFormat evaluates `//name[…]/…` iterators from the elements of that name rather than through
 * xpath's descendant step (much faster on LIDO); whatever the shape of the iterator and document,
 * it must select what XPath selects, in document order.
 */
import xpath from 'xpath';
import { XmlFormat, parseXml } from '../../../../src/mapping/rml/formats/xml-format.js';

const NS = { p: 'urn:p' };
const DOC = `<p:root xmlns:p="urn:p">
  <p:a x="1" id="a1"><p:b id="b1">one</p:b><p:b id="b2"> </p:b></p:a>
  <p:wrap><p:a x="2" id="a2"><p:b id="b3">two</p:b></p:a></p:wrap>
  <p:a id="a3"><p:c><p:a x="1" id="a4"><p:b id="b4">nested</p:b></p:a></p:c><p:b id="b5">after</p:b></p:a>
  <a id="plain"><b id="b6">no namespace</b></a>
</p:root>`;

const FLAT = '<p:root xmlns:p="urn:p"><p:a id="a1"><p:b id="b1"/></p:a><p:x><p:a id="a2"><p:b id="b2"/><p:b id="b3"/></p:a></p:x></p:root>';

const ids = (nodes: unknown[]) =>
  nodes.map((n) => {
    const node = n as { nodeType: number; getAttribute?(name: string): string; ownerElement?: { getAttribute(name: string): string }; nodeName: string };
    return node.nodeType === 1 ? node.getAttribute!('id') : `${node.ownerElement?.getAttribute('id') ?? '?'}/${node.nodeName}`;
  });

const viaFormat = (iterator: string, text = DOC) => ids([...new XmlFormat({ iterator, namespaces: NS, nulls: [], strict: true }).records(text)]);
/** xpath's pre-parsing entry point (present at runtime, missing from its typings). */
const parseXPath = (xpath as unknown as { parse(expression: string): { select(options: object): unknown[] } }).parse;
const viaXPath = (iterator: string, text = DOC) => ids(parseXPath(iterator).select({ node: parseXml(text), namespaces: NS }));

describe('XmlFormat iterators with //', () => {
  it.each([
    ["//p:a[@x='1']/p:b", ['b1', 'b2', 'b4']],
    ["//p:b[normalize-space(.)!='' and not(@id='b3')]", ['b1', 'b4', 'b5']],
    ['//p:a[p:b]', ['a1', 'a2', 'a3', 'a4']],
    ["//p:a[starts-with(@x, '2')]/p:b/@id", ['b3/id']],
    ['//a/b', ['b6']],
  ])('%s selects what XPath selects', (iterator, expected) => {
    expect(viaXPath(iterator)).toEqual(expected);
    expect(viaFormat(iterator)).toEqual(expected);
  });

  it.each([
    // Elements of that name inside each other: results of the outer and the inner one interleave.
    '//p:a/p:b',
    '//p:a',
    "//p:a[@id!='a1']/p:b",
    '//p:a//p:b',
    '/p:root//p:a/p:b',
    // Predicates that depend on position, and steps that leave the subtree.
    '//p:a[1]',
    '//p:b[position() > 1]',
    '//p:b[last()]',
    '//p:a/..',
    '//p:a/ancestor::p:root',
    '//p:a | //a',
    '//p:a[count(p:b)]',
    '//p:b[1]',
    '//p:b/ancestor::p:a',
  ])('%s selects what XPath selects, in document order, whether the elements nest or not', (iterator) => {
    expect(viaFormat(iterator)).toEqual(viaXPath(iterator));
    expect(viaFormat(iterator, FLAT)).toEqual(viaXPath(iterator, FLAT));
  });

  it('selects in document order where the named elements do not nest', () => {
    expect(viaFormat('//p:a/p:b', FLAT)).toEqual(['b1', 'b2', 'b3']);
    expect(viaFormat("//p:b[@id!='b2']", FLAT)).toEqual(['b1', 'b3']);
  });
});
