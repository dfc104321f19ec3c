/** The server's door to the shared contract (../../contract/): the TypeBox schemas and the business rules. */
export * from '../../contract/schemas'
export * from '../../contract/rules'
