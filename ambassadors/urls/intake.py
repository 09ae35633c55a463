console_patterns = []
portal_patterns = []
public_patterns = []
