import type pg from 'pg';

/** `ProcessInstanceSequenceFlowResult`. */
export interface SequenceFlowResult {
  /** As Camunda's exporter names it: `<processInstanceKey>_<flow id>`, one per flow however often taken. */
  readonly sequenceFlowId: string;
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  /** The flow's id in the BPMN. */
  readonly elementId: string;
  readonly tenantId: string;
}

interface SequenceFlowRow {
  element_id: string;
  process_instance_key: string;
  process_definition_key: string;
  bpmn_process_id: string;
  tenant_id: string;
}

/**
 * The sequence flows a process instance took (GET /process-instances/{key}/sequence-flows), from the
 * `SEQUENCE_FLOW_TAKEN` records: each flow once, in the order it was first taken. Flows of called
 * instances belong to those instances. An unknown instance has none (the spec has no 404 here: it is a
 * search).
 */
export async function sequenceFlowsOf(
  pool: pg.Pool,
  processInstanceKey: bigint,
): Promise<SequenceFlowResult[]> {
  const { rows } = await pool.query<SequenceFlowRow>(
    `select f.element_id, pi.key::text as process_instance_key,
       pi.process_definition_key::text as process_definition_key, pi.bpmn_process_id, pi.tenant_id
     from (select r.value->>'elementId' as element_id, min(r.position) as first_taken
             from engine.records r
            where r.process_instance_key = $1 and r.value_type = 'PROCESS_INSTANCE'
              and r.intent = 'SEQUENCE_FLOW_TAKEN'
            group by 1) f
     join engine.process_instances pi on pi.key = $1
     order by f.first_taken`,
    [processInstanceKey.toString()],
  );
  return rows.map((r) => ({
    sequenceFlowId: `${r.process_instance_key}_${r.element_id}`,
    processInstanceKey: r.process_instance_key,
    processDefinitionKey: r.process_definition_key,
    processDefinitionId: r.bpmn_process_id,
    elementId: r.element_id,
    tenantId: r.tenant_id,
  }));
}
