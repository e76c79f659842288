"""The pages of the 三员 for accounts (docs/security.md 三员分立), replacing the stock Django admin: the
系统管理员's 账号管理 (users.py), the 安全管理员's 角色授权, 账号解锁 and reset approvals (security.py), and the
read-only 系统参数 (parameters.py)."""
