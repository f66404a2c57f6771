import { explainConflicts } from './conflicts';

describe('explainConflicts', () => {
  const names = {
    rooms: new Map([['room-1', 'Zaal 1']]),
    people: new Map([['user-1', 'Priya Producer']]),
    equipment: new Map([['cam-1', 'Camera 1']]),
  };
  const at = (iso: string) => iso.slice(11, 16);
  const conflict = (kind: 'room' | 'crew' | 'equipment', resourceId: string, withBroadcastId = 'b-1') => ({
    kind,
    resourceId,
    withBroadcastId,
    withTitle: 'Lezing',
    from: '2027-02-09T12:30:00.000Z',
    to: '2027-02-09T14:45:00.000Z',
  });

  it('names the resource, the other broadcast and the booked time, once per resource and broadcast', () => {
    const lines = explainConflicts([conflict('room', 'room-1'), conflict('room', 'room-1'), conflict('crew', 'user-1'), conflict('equipment', 'cam-1', 'b-2')], names, at);
    expect(lines).toEqual([
      { key: 'conflict.room', params: { name: 'Zaal 1', title: 'Lezing', from: '12:30', to: '14:45' }, withBroadcastId: 'b-1' },
      { key: 'conflict.crew', params: { name: 'Priya Producer', title: 'Lezing', from: '12:30', to: '14:45' }, withBroadcastId: 'b-1' },
      { key: 'conflict.equipment', params: { name: 'Camera 1', title: 'Lezing', from: '12:30', to: '14:45' }, withBroadcastId: 'b-2' },
    ]);
  });

  it('falls back to the id for a resource it does not know', () => {
    expect(explainConflicts([conflict('room', 'room-9')], names, at)[0].params.name).toBe('room-9');
  });
});
