// Browser runtime. Files dragged over the open chat: a visible overlay says where they go, and
// dropping adds them to the composer's strip. Other drags (text, links) are left alone.
import { useRef, useState, type DragEvent } from 'react';
import { addFiles } from '../ipc/file-commands.js';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

export function useFileDrop(who: number, enabled: boolean) {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when it really left.
  const depth = useRef(0);

  const handlers = {
    onDragEnter(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      depth.current++;
      setDragging(true);
    },
    onDragOver(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      const dropped = [...event.dataTransfer.files].map((file) => ({ blob: file, name: file.name }));
      if (dropped.length > 0) void addFiles(who, dropped);
    },
  };
  return { dragging, handlers };
}
