class Evil { }
