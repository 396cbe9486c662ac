/** Socket.IO rooms of the /agent namespace: one per user, role and department. */
export const agentRooms = {
  user: (userId: string) => `user:${userId}`,
  role: (role: string) => `role:${role}`,
  department: (departmentId: string) => `department:${departmentId}`,
  all: 'all',
};

export const AGENT_NAMESPACE = '/agent';
