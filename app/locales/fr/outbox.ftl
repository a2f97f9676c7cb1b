# « Messages envoyés »: the outbox as staff read it.

outbox-channel-sms = SMS
outbox-channel-email = E-mail
# Shown instead of the body of a message that holds a sign-in code (outside demo mode).
outbox-code-masked = [message contenant un code, masqué]
outbox-status-sent = Envoyé
outbox-status-failed = Échec
outbox-status-pending = En attente
