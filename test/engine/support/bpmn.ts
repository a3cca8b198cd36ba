/** Wraps process XML in the definitions Camunda Modeler 8.8 writes (no diagram: the engine ignores it). */
export function bpmn(processId: string, body: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${processId}"
  targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.38.1"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${processId}" name="${processId}" isExecutable="true">
${body}
  </bpmn:process>
${extra}
</bpmn:definitions>`;
}

/** A sequence flow, optionally with a FEEL condition (without the leading '='). */
export function flow(id: string, from: string, to: string, condition?: string): string {
  return condition === undefined
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
}

export function serviceTask(id: string, type: string, extensions = ''): string {
  return `<bpmn:serviceTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" />${extensions}</bpmn:extensionElements></bpmn:serviceTask>`;
}

/** A straight line: start → each element → end, with flows named after their ends. */
export function line(...elements: string[]): string {
  const ids = ['Start', ...elements.map((e) => /id="([^"]+)"/.exec(e)![1]!), 'End'];
  const flows = ids.slice(1).map((to, i) => flow(`Flow_${ids[i]}_${to}`, ids[i]!, to));
  return ['<bpmn:startEvent id="Start" />', ...elements, '<bpmn:endEvent id="End" />', ...flows].join('\n');
}
