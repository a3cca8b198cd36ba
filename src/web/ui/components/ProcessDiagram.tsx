import { useEffect, useRef, useState } from 'react';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

interface Props {
  readonly xml: string;
  /** Elements the case passed through and the flows it took. */
  readonly visited: readonly string[];
  /** Where the case stands now. */
  readonly current: readonly string[];
}

interface Canvas {
  addMarker(element: string, marker: string): void;
  zoom(level: 'fit-viewport'): void;
}
interface Registry {
  get(id: string): unknown;
}

/** The BPMN diagram (bpmn-js viewer) with the path the case took highlighted and its current step marked. */
export default function ProcessDiagram({ xml, visited, current }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const viewer = new NavigatedViewer({ container: container.current! });
    let live = true;
    viewer.importXML(xml).then(
      () => {
        if (!live) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<Registry>('elementRegistry');
        const mark = (id: string, marker: string) => registry.get(id) && canvas.addMarker(id, marker);
        for (const id of visited) mark(id, 'visited');
        for (const id of current) mark(id, 'current');
        canvas.zoom('fit-viewport');
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      viewer.destroy();
    };
  }, [xml, visited, current]);

  if (failed) return <p className="notice error">نمودار فرایند نمایش داده نشد.</p>;
  return <div ref={container} className="diagram" role="img" aria-label="نمودار فرایند با مسیر طی‌شده" />;
}
