"""Live help sessions run by trainers over WebSockets: chat, hands, help queue, polls, attendance."""
