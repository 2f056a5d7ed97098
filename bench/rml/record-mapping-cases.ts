/** The sector mappings and the samples their golden tests use, for the record mapping benchmarks. */
export const CASES: { mapping: string; sample: string; mediaType: string }[] = [
  { mapping: 'mappings/uitdatabank-event.yml', sample: 'fixtures/uitdatabank/samples/event-read-example.json', mediaType: 'application/ld+json' },
  { mapping: 'mappings/ticketmatic-event.yml', sample: 'fixtures/ticketmatic/samples/event-10042.sample.json', mediaType: 'application/json' },
  { mapping: 'mappings/lido-object.yml', sample: 'fixtures/lido/samples/groeningemuseum-0000_GRO1561_I-LIDO.xml', mediaType: 'application/xml' },
  { mapping: 'mappings/lido-object.yml', sample: 'fixtures/lido/samples/mskgent-310000001-LIDO.xml', mediaType: 'application/xml' },
  { mapping: 'mappings/meemoo-object.yml', sample: 'fixtures/meemoo/samples/meemoo-mets-record.xml', mediaType: 'application/xml' },
  { mapping: 'mappings/oai-dc-object.yml', sample: 'fixtures/oai-dc/samples/metis-oai-dc-record.xml', mediaType: 'application/xml' },
];
